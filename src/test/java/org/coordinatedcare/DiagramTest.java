package org.coordinatedcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.junit.jupiter.api.Test;

/** Every id in {@link Diagram} names an element of its deployed diagram, and every message name a message. */
class DiagramTest {

    @Test
    void everyElementIdIsInItsDiagram() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> diagram : Diagram.class.getDeclaredClasses()) {
            if (diagram == Diagram.Messages.class) {
                continue;
            }
            String file = (String) diagram.getField("FILE").get(null);
            BpmnModelInstance model = Bpmn.readModelFromFile(new File(file));
            for (Field constant : constants(diagram)) {
                if (constant.getName().equals("FILE")) {
                    continue;
                }
                String id = (String) constant.get(null);
                checked++;
                if (model.getModelElementById(id) == null) {
                    missing.add(
                            diagram.getSimpleName() + "." + constant.getName() + " = " + id + " (not in " + file + ")");
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMessageNameIsAMessageOfADiagram() throws Exception {
        Set<String> names = new HashSet<>();
        File[] diagrams = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
        assertThat(diagrams).isNotEmpty();
        for (File file : diagrams) {
            Bpmn.readModelFromFile(file).getModelElementsByType(Message.class).stream()
                    .map(Message::getName)
                    .forEach(names::add);
        }
        List<String> constants = new ArrayList<>();
        for (Field constant : constants(Diagram.Messages.class)) {
            constants.add((String) constant.get(null));
        }
        assertThat(names).containsAll(constants);
    }

    private static List<Field> constants(Class<?> holder) {
        List<Field> fields = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                fields.add(field);
            }
        }
        return fields;
    }
}
