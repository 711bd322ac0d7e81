package org.coordinatedcare.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Caps request bodies: of our API (small for the JSON endpoints, large for the register import, which streams), of the
 * engine REST API and of the webapps' REST API (small, but a deployment upload may carry diagrams and forms). A
 * declared length over the cap is refused at once (413 problem JSON, nothing read); a body sent without a length is
 * counted as it is read and the read fails at the cap, so the handler never sees more and writes nothing.
 * <p>
 * Registered after Spring Security's chain (order -100) and the engine REST API's authentication (order 0): a
 * stranger gets 401 whatever the size.
 */
@Configuration(proxyBeanMethods = false)
public class RequestSizeLimit {

    static final String IMPORT_PATH = "/api/fhir/import";
    /** Deployment uploads: {@code /engine-rest/deployment/create}, {@code /camunda/api/engine/engine/{name}/deployment/create}. */
    static final String DEPLOYMENT_PATH = "/deployment/create";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyCap(
            ObjectMapper json,
            @Value("${coordinated-care.api.max-request-size:256KB}") DataSize maxRequest,
            @Value("${coordinated-care.api.max-import-size:2GB}") DataSize maxImport,
            @Value("${coordinated-care.api.max-deployment-size:10MB}") DataSize maxDeployment,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                long limit = path.startsWith(IMPORT_PATH)
                        ? maxImport.toBytes()
                        : !path.startsWith("/api/") && stripSlash(path).endsWith(DEPLOYMENT_PATH)
                                ? maxDeployment.toBytes()
                                : maxRequest.toBytes();
                if (request.getContentLengthLong() > limit) {
                    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    // the client may still be sending: say we will not read on
                    response.setHeader("Connection", "close");
                    json.writeValue(
                            response.getOutputStream(),
                            ApiProblems.problem(
                                    HttpStatus.PAYLOAD_TOO_LARGE,
                                    "Request too large",
                                    new RequestTooLargeException(limit).getMessage(),
                                    "body"));
                    return;
                }
                chain.doFilter(new Capped(request, limit), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*", "/engine-rest/*", webapps + "/api/*");
        registration.setName("request-size-limit");
        registration.setOrder(1); // after Spring Security and the engine REST API's authentication (order 0)
        return registration;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String describe(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0
                ? (bytes >> 30) + " GB"
                : bytes >= 1L << 20 && bytes % (1L << 20) == 0
                        ? (bytes >> 20) + " MB"
                        : bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }

    /** The request with a body that stops at the limit. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
