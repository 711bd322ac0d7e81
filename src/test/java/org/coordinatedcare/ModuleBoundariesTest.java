package org.coordinatedcare;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The package map of ADR 0018, checked on the bytecode without starting Spring: every top-level package is a module,
 * the arrows between modules run one way (no cycles), and a module uses only another's top-level types (a
 * sub-package is that module's internals) and only the modules its package-info allows.
 */
class ModuleBoundariesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(CoordinatedCareApplication.class);

    @Test
    void packagesDependOneWayAndOnlyOnWhatTheyAllow() {
        MODULES.verify();
    }

    /** The map as diagrams and a module canvas per package, in target/spring-modulith-docs, for reviewers. */
    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
