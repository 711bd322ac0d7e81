package org.coordinatedcare.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.PathwayVariables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends one referral: writes the referral letter to the patient's documents, marks it sent, and names the role whose
 * practice team records the response ({@code receivingTeam}, a variable of this referral's sub-process instance only).
 */
@Component("referralSender")
public class ReferralSender implements JavaDelegate {

    private final EpisodeBinding binding;
    private final ReferralRegister register;
    private final ReferralRepository referrals;
    private final PatientDocuments documents;

    public ReferralSender(
            ReferralRegister register,
            ReferralRepository referrals,
            PatientDocuments documents,
            EpisodeBinding binding) {
        this.binding = binding;
        this.register = register;
        this.referrals = referrals;
        this.documents = documents;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Referral referral = register.get(PathwayVariables.requiredNumber(execution, "referralId"));
        binding.checkOwned(execution, "referralId", referral.episodeId());
        if (referral.status() == ReferralStatus.PROPOSED) {
            referrals.save(referral.sent());
            documents.referralLetter(referral.episodeId(), referral.type().label(), referral.note());
        }
        // the diagram adds the practice: candidate groups are ${receivingTeam}-${practiceCode}
        execution.setVariable("receivingTeam", referral.type().receivingRole().group());
        execution.setVariable("referralType", referral.type().name());
    }
}
