package org.coordinatedcare;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.pathway.PathwayFixture;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The one in-process engine test configuration: the whole application on a private in-memory database (profile
 * {@code test}, job executor off), MockMvc for our API, the {@link PathwayFixture} and {@link PatientDocuments} as a
 * Mockito spy (it calls the real bean unless a test stubs it, and is reset after each test). Every in-process test
 * carries exactly this annotation and nothing else that shapes the context, so they all share one Spring context; a
 * test that needs another bean replaced adds it here rather than on the test, or it pays for a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(PathwayFixture.class)
@MockitoSpyBean(types = PatientDocuments.class)
public @interface EngineTest {}
