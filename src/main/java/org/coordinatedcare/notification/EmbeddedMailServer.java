package org.coordinatedcare.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP and IMAP server in the JVM (GreenMail) for the demo profile and the tests, and the mail sender that
 * delivers to it: {@code coordinated-care.mail.embedded.enabled=true}. Every recipient gets a mailbox on first delivery;
 * its IMAP login and password are both the e-mail address. Port 0 takes any free port (the tests, where several
 * application contexts can run at once). Never on in production: there {@code spring.mail.*} names the real server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "coordinated-care.mail.embedded.enabled", havingValue = "true")
class EmbeddedMailServer {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail greenMail(
            @org.springframework.beans.factory.annotation.Value("${coordinated-care.mail.embedded.smtp-port:3025}")
                    int smtpPort,
            @org.springframework.beans.factory.annotation.Value("${coordinated-care.mail.embedded.imap-port:3143}")
                    int imapPort) {
        return new GreenMail(new ServerSetup[] {
            setup(smtpPort, ServerSetup.PROTOCOL_SMTP), setup(imapPort, ServerSetup.PROTOCOL_IMAP)
        });
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    /** Takes the place of Boot's sender (which needs {@code spring.mail.host}); points at the port GreenMail bound. */
    @Bean
    JavaMailSenderImpl embeddedMailSender(GreenMail server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }
}
