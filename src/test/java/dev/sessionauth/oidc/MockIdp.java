package dev.sessionauth.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * What the tests do with mock-oauth2-server as the browser would: follow the authorization URL to the provider and
 * read where it sends the browser back, plus extra routes that make the provider misbehave and its request log.
 */
final class MockIdp {
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private MockIdp() {
    }

    /** The browser's visit to the authorization URL: the callback parameters of the provider's redirect. */
    static CallbackParams authorize(AuthorizationRedirect redirect) {
        HttpResponse<String> response = get(redirect.url());
        if (response.statusCode() != 302) {
            throw new AssertionError("authorize answered " + response.statusCode() + ": " + response.body());
        }
        return CallbackParams.fromParameters(query(URI.create(response.headers().firstValue("Location").orElseThrow())));
    }

    /** The hidden fields of the provider's auto-submitted form ({@code response_mode=form_post}). */
    static Map<String, List<String>> formPostFields(AuthorizationRedirect redirect) {
        HttpResponse<String> response = get(redirect.url());
        Matcher input = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(response.body());
        Map<String, List<String>> fields = new LinkedHashMap<>();
        while (input.find()) {
            fields.computeIfAbsent(input.group(1), k -> new ArrayList<>()).add(input.group(2));
        }
        return fields;
    }

    /** The query of {@code uri} as a parameter map. */
    static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The single value of query parameter {@code name} of {@code uri}. */
    static String queryValue(URI uri, String name) {
        List<String> values = query(uri).get(name);
        return values == null ? null : values.get(0);
    }

    static HttpResponse<String> get(URI uri) {
        try {
            return BROWSER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every request the mock received since the last call (the mock records a request before answering it). */
    static List<RecordedRequest> drain(MockOAuth2Server server) {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            try {
                requests.add(server.takeRequest(20, TimeUnit.MILLISECONDS));
            } catch (RuntimeException none) {
                return requests;
            }
        }
    }

    /** An extra route: requests whose path ends with {@code path} (and have {@code method}) get {@code handler}'s answer. */
    static Route route(String path, String method, Function<OAuth2HttpRequest, OAuth2HttpResponse> handler) {
        return OAuth2HttpRouterKt.route(path, method, handler::apply);
    }

    /** An answer with {@code status}, {@code contentType} and {@code body}. */
    static OAuth2HttpResponse answer(int status, String contentType, String body) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", contentType), status, body, null);
    }
}
