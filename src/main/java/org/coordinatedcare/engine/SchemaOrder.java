package org.coordinatedcare.engine;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates our schema before the process engine starts: on an empty database the engine would otherwise create
 * its tables first and Flyway would refuse the non-empty schema; and start-up work of the engine (demo data, deployed
 * listeners) may read our tables.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaOrder {

    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor processEngineAfterFlyway() {
        return new AbstractDependsOnBeanFactoryPostProcessor(ProcessEngineFactoryBean.class, "flywayInitializer") {};
    }
}
