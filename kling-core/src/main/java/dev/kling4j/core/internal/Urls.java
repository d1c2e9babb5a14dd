package dev.kling4j.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/** The one rule for URLs kling4j sends to: https, or plain http only to a loopback host. Not API. */
public final class Urls {
    private Urls() {}

    /**
     * A base URL as users see it: without the trailing slash {@link HttpUrl} adds to a bare host.
     *
     * @param url the URL
     * @return its text, with no trailing slash
     */
    public static String text(HttpUrl url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Parses a URL and applies the rule.
     *
     * @param url the URL
     * @param name what it is, for the message (e.g. {@code queueUrl})
     * @param allowInsecure whether plain http to any host is allowed
     * @return the parsed URL
     * @throws IllegalArgumentException when it is not an http(s) URL, or plain http to a non-loopback host
     */
    public static HttpUrl checkHttpUrl(String url, String name, boolean allowInsecure) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException(name + " is not an http(s) URL: " + url);
        }
        if (!parsed.isHttps() && !allowInsecure && !isLoopback(parsed.host())) {
            throw new IllegalArgumentException(name + " " + url + " uses plain http to a non-loopback host; use https"
                    + (name.endsWith("Url") ? " or call allowInsecureHttp(true)" : ""));
        }
        return parsed;
    }

    /**
     * Whether a host is this machine: {@code localhost}, or a literal loopback address.
     *
     * @param host a host name or literal address
     * @return true for loopback
     */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
