package org.coordinatedcare.deployment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What a diagram's expressions ({@code ${...}}, {@code #{...}}) may reach: process variables (read, not called), this
 * project's pathway beans, {@code dateTime()} and three read-only properties of {@code execution}. Anything else an
 * expression names is a way into the engine or the application: {@code ${identityService.newUser(...)}},
 * {@code ${execution.processEngineServices...}}, {@code ${task.delegate(...)}}, or Java reflection from any object
 * through {@code getClass()}. Expressions are parsed with the engine's own JUEL parser, so the check sees exactly the
 * tree the engine would evaluate.
 */
public final class ExpressionAllowList {

    /** Objects the engine puts in every expression's context; each leads to the engine's services. */
    static final Set<String> CONTEXT_OBJECTS = Set.of(
            "execution",
            "task",
            "externalTask",
            "caseExecution",
            "variableScope",
            "variableContext",
            "authenticatedUserId",
            "processEngine",
            "processEngineServices",
            "processEngineConfiguration",
            "applicationContext");

    /** What the diagrams read from the execution: {@code #{execution.processBusinessKey}} for a called pathway. */
    static final Set<String> EXECUTION_READS = Set.of("processBusinessKey", "businessKey", "processInstanceId");

    static final Set<String> FUNCTIONS = Set.of("dateTime");

    /** Every object's way into Java reflection, and from there to anything on the class path. */
    static final Set<String> REFLECTION = Set.of(
            "class",
            "getClass",
            "classLoader",
            "getClassLoader",
            "declaringClass",
            "getDeclaringClass",
            "module",
            "getModule");

    // the engine's profile (JEE6): method invocations and varargs, as ExpressionFactoryImpl builds them
    private static final Builder JUEL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private final Beans beans;

    public ExpressionAllowList(Beans beans) {
        this.beans = beans;
    }

    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** Why the text's expressions are refused; empty when they are allowed or there are none. */
    public List<String> objections(String text) {
        List<String> objections = new ArrayList<>();
        if (!isExpression(text)) {
            return objections;
        }
        try {
            check(JUEL.build(text).getRoot(), objections);
        } catch (TreeBuilderException e) {
            objections.add("it is not a valid expression (" + e.getMessage() + ")");
        }
        return objections;
    }

    private void check(Node node, List<String> objections) {
        if (node instanceof AstMethod || node instanceof AstProperty) {
            checkMembers(node, objections);
        } else if (node instanceof AstIdentifier identifier) {
            checkRoot(identifier.getName(), objections);
        } else {
            if (node instanceof AstFunction function && !FUNCTIONS.contains(function.getName())) {
                objections.add("the function " + function.getName() + "() is not allowed; only dateTime() is");
            }
            checkChildren(node, objections);
        }
    }

    private void checkChildren(Node node, List<String> objections) {
        for (int i = 0; i < node.getCardinality(); i++) {
            check(node.getChild(i), objections);
        }
    }

    private record Member(String name, boolean call) {}

    /** {@code a.b.c(x)}: the members read or called, from the root outwards, and then what the root may be. */
    private void checkMembers(Node node, List<String> objections) {
        Deque<Member> members = new ArrayDeque<>();
        Node target = node;
        while (target instanceof AstMethod || target instanceof AstProperty) {
            if (target instanceof AstMethod method) {
                AstProperty called = (AstProperty) method.getChild(0);
                members.push(new Member(name(called, objections), true));
                check(method.getChild(1), objections); // the arguments
                target = called.getChild(0);
            } else {
                members.push(new Member(name((AstProperty) target, objections), false));
                target = target.getChild(0);
            }
        }
        for (Member member : members) {
            if (member.name() != null && REFLECTION.contains(member.name())) {
                objections.add("'" + member.name() + "' leads to Java reflection");
            }
        }
        if (target instanceof AstIdentifier identifier) {
            String root = identifier.getName();
            if (root.equals("execution")) {
                Member only = members.peekFirst();
                if (members.size() != 1 || only.call() || !EXECUTION_READS.contains(only.name())) {
                    objections.add("'execution' gives access to the engine; only execution.processBusinessKey, "
                            + "execution.businessKey and execution.processInstanceId may be read");
                }
            } else if (checkRoot(root, objections)
                    && !beans.isBean(root)
                    && members.stream().anyMatch(Member::call)) {
                objections.add("methods may not be called on the process variable '" + root + "'");
            }
        } else if (target instanceof AstFunction) {
            check(target, objections); // dateTime().plusDays(7).toDate()
        } else {
            objections.add("members may only be read from process variables, this project's beans and dateTime()");
            check(target, objections);
        }
    }

    /** True when the root identifier may be used: a process variable or one of this project's beans. */
    private boolean checkRoot(String name, List<String> objections) {
        if (CONTEXT_OBJECTS.contains(name)) {
            objections.add("'" + name + "' is the engine's own context object and gives access to the engine");
            return false;
        }
        if (beans.isBean(name) && !beans.isProjectBean(name)) {
            objections.add("'" + name + "' is a bean that is not one of this project's pathway beans");
            return false;
        }
        return true;
    }

    /** The member's name, or null (and an objection) when it is computed while the expression runs. */
    private String name(AstProperty property, List<String> objections) {
        if (property instanceof AstDot dot) {
            return dot.toString().substring(2); // ". name"
        }
        Node key = property.getChild(1);
        if (property instanceof AstBracket && (key instanceof AstString || key instanceof AstNumber)) {
            return String.valueOf(((org.camunda.bpm.impl.juel.AstNode) key).eval(null, null));
        }
        objections.add("a member name computed while the expression runs ([...]) is not allowed");
        check(key, objections);
        return null;
    }
}
