package org.coordinatedcare.reference;

import java.util.List;

/** The LTC code list as loaded: its version (recorded on every case-finding run) and its codes. */
public record LtcCodeList(String version, List<LtcCondition> codes) {}
