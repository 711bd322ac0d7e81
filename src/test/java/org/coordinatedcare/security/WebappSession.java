package org.coordinatedcare.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tasklist's own login: a session cookie, and the CSRF token Camunda's filter hands out in a cookie. */
public final class WebappSession {

    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(cookies).build();
    List<String> lastCookies = List.of();

    public WebappSession(int port) {
        this.port = port;
    }

    public int login(String user, boolean withToken) throws IOException, InterruptedException {
        get("/camunda/app/tasklist/default/"); // hands out the XSRF-TOKEN cookie
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
        return send(
                        HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form)),
                        withToken)
                .statusCode();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept", "application/json")
                        .GET(),
                false);
    }

    public HttpResponse<String> post(String path, String json, boolean withToken)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                withToken);
    }

    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                true);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean withToken)
            throws IOException, InterruptedException {
        if (withToken) {
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
            request.header("X-XSRF-TOKEN", token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        lastCookies = response.headers().allValues("Set-Cookie");
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
