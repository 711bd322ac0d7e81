package org.coordinatedcare.deployment;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.Repository;
import org.springframework.util.ClassUtils;

/**
 * The Spring beans an expression reaches: the engine resolves any root identifier that is not a variable to the bean of
 * that name. A project bean is one whose class is ours, less the ones that manage accounts, access, Tasklist, the
 * engine, the HTTP layer, the form toolkit or the register import, configuration classes and repositories (whose
 * {@code deleteAll()} a diagram must not reach). The excluded packages hold no bean a diagram names (ADR 0018).
 */
final class SpringBeans implements Beans {

    private static final String PROJECT = "org.coordinatedcare.";
    private static final List<String> NOT_FOR_DIAGRAMS = List.of(
            "org.coordinatedcare.security",
            "org.coordinatedcare.tasklist",
            "org.coordinatedcare.engine",
            "org.coordinatedcare.web",
            "org.coordinatedcare.form",
            "org.coordinatedcare.demo",
            "org.coordinatedcare.fhir",
            "org.coordinatedcare.deployment");

    private final ApplicationContext context;

    SpringBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean isBean(String name) {
        return context.containsBean(name);
    }

    @Override
    public boolean isProjectBean(String name) {
        if (!context.containsBean(name)) {
            return false;
        }
        Class<?> type = context.getType(name, false); // a type without creating the bean
        if (type == null) {
            return false;
        }
        type = ClassUtils.getUserClass(type); // the class behind a CGLIB proxy; a JDK proxy's class is not ours
        String pkg = type.getPackageName() + ".";
        return pkg.startsWith(PROJECT)
                && NOT_FOR_DIAGRAMS.stream().noneMatch(excluded -> pkg.startsWith(excluded + "."))
                && !Repository.class.isAssignableFrom(type)
                && !ProcessEnginePlugin.class.isAssignableFrom(type)
                && !AnnotatedElementUtils.hasAnnotation(type, Configuration.class);
    }
}
