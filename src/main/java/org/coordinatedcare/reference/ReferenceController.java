package org.coordinatedcare.reference;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data every clinician may read: which SNOMED CT codes count as which long-term condition, with the list's
 * version; as JSON, or as CSV for a clinical-safety review ({@code .csv} or {@code Accept: text/csv}).
 */
@RestController
public class ReferenceController {

    static final String TEXT_CSV = "text/csv";

    private final LtcConditions ltcConditions;

    public ReferenceController(LtcConditions ltcConditions) {
        this.ltcConditions = ltcConditions;
    }

    @GetMapping(value = "/api/reference/ltc-conditions", produces = "application/json")
    LtcCodeList ltcConditions() {
        return ltcConditions.codeList();
    }

    @GetMapping(
            value = {"/api/reference/ltc-conditions", "/api/reference/ltc-conditions.csv"},
            produces = TEXT_CSV)
    ResponseEntity<String> ltcConditionsCsv() {
        LtcCodeList list = ltcConditions.codeList();
        StringBuilder csv = new StringBuilder("snomed_code,description,ltc_category,descends_from,list_version\r\n");
        for (LtcCondition row : list.codes()) {
            csv.append(String.join(
                            ",",
                            List.of(
                                    row.snomedCode(),
                                    quoted(row.description()),
                                    quoted(row.ltcCategory()),
                                    row.descendsFrom() == null ? "" : row.descendsFrom(),
                                    quoted(list.version()))))
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ltc-conditions-" + list.version() + ".csv\"")
                .header(HttpHeaders.CONTENT_TYPE, TEXT_CSV + ";charset=UTF-8")
                .body(csv.toString());
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String quoted(String field) {
        if (field == null) {
            return "";
        }
        return field.matches("(?s).*[\",\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
