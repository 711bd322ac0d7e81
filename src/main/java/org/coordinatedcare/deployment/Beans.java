package org.coordinatedcare.deployment;

/** The names an expression's root identifier may resolve to besides process variables. */
public interface Beans {

    /** True when the name resolves to any bean, so that it is not a process variable when no variable of that name is set. */
    boolean isBean(String name);

    /** True when the bean is one of this project's pathway beans, which diagrams may call. */
    boolean isProjectBean(String name);
}
