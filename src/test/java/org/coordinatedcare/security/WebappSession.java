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

/** A webapp's own login (Tasklist or Cockpit): a session cookie, and the CSRF token Camunda's filter hands out in a cookie. */
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
        return login(user, withToken, "tasklist");
    }

    /** Logs in to {@code app}: "tasklist" or "cockpit", which the user needs the application permission for. */
    public int login(String user, boolean withToken, String app) throws IOException, InterruptedException {
        get("/camunda/app/" + app + "/default/"); // hands out the XSRF-TOKEN cookie
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
        return send(
                        HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form)),
                        withToken)
                .statusCode();
    }

    /**
     * Loads the app's page, as the browser does after logging in: Camunda's login replaces the session, and its CSRF
     * filter hands the new one a token (and a new XSRF-TOKEN cookie) on the next webapp request.
     */
    public void open(String app) throws IOException, InterruptedException {
        get("/camunda/app/" + app + "/default/");
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

    /** A file as the multipart part {@code part}, as a browser's FormData sends it. */
    public HttpResponse<String> multipart(String path, String part, String content, boolean withToken)
            throws IOException, InterruptedException {
        return multipart(path, part, content, withToken ? token() : null);
    }

    /** The same with a token of the caller's choosing in {@code X-XSRF-TOKEN}, or none if null. */
    public HttpResponse<String> multipart(String path, String part, String content, String token)
            throws IOException, InterruptedException {
        String boundary = "----webapp" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"table.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-XSRF-TOKEN", token);
        }
        return send(request, false);
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
            request.header("X-XSRF-TOKEN", token());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        lastCookies = response.headers().allValues("Set-Cookie");
        return response;
    }

    /** The CSRF token Camunda's filter handed this session in the XSRF-TOKEN cookie. */
    public String token() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
