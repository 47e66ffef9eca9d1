package dev.sessionauth.web;

import java.util.List;

/**
 * The filter's access map: which normalized paths need a session (protected) and which are
 * exceptions carved out of protected areas (public).
 *
 * <p>Public patterns win and match case-sensitively, because an exception must be exact; protected
 * patterns match case-insensitively, so a container or file system that serves {@code /ADMIN} as
 * {@code /admin} cannot be used to reach protected content without a session.
 */
public final class PathRules {

    /** How a path is classified by {@link #classify(String)}. */
    public enum Access {
        /** A protected pattern matches and no public pattern does: a session is required. */
        PROTECTED,
        /** A public pattern matches exactly: no session is required. */
        PUBLIC,
        /** No pattern matches at all. */
        UNMATCHED
    }

    private final List<String> protectedSources;
    private final List<String> publicSources;
    // Arrays rather than lists so classify, which runs on every request, iterates without allocating.
    private final PathPattern[] protectedPatterns;
    private final PathPattern[] publicPatterns;

    private PathRules(List<String> protectedSources, List<String> publicSources) {
        this.protectedSources = protectedSources;
        this.publicSources = publicSources;
        this.protectedPatterns = compile(protectedSources);
        this.publicPatterns = compile(publicSources);
    }

    /**
     * Builds rules from pattern sources.
     *
     * @param protectedPatterns patterns that require a session, e.g. {@code /admin/**}
     * @param publicPatterns exceptions inside protected areas, e.g. {@code /admin/login}
     * @return the compiled rules
     * @throws IllegalArgumentException if any pattern is malformed
     */
    public static PathRules of(List<String> protectedPatterns, List<String> publicPatterns) {
        return new PathRules(List.copyOf(protectedPatterns), List.copyOf(publicPatterns));
    }

    /**
     * Returns rules that protect nothing.
     *
     * @return rules with no patterns
     */
    public static PathRules none() {
        return new PathRules(List.of(), List.of());
    }

    private static PathPattern[] compile(List<String> sources) {
        PathPattern[] patterns = new PathPattern[sources.size()];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = PathPattern.parse(sources.get(i));
        }
        return patterns;
    }

    /**
     * Classifies a normalized path.
     *
     * @param normalizedPath a path produced by {@link PathNormalizer#normalize(String)}
     * @return {@link Access#PUBLIC} if a public pattern matches exactly, else
     *     {@link Access#PROTECTED} if a protected pattern matches ignoring case, else
     *     {@link Access#UNMATCHED}
     */
    public Access classify(String normalizedPath) {
        for (PathPattern pattern : publicPatterns) {
            if (pattern.matches(normalizedPath, false)) {
                return Access.PUBLIC;
            }
        }
        for (PathPattern pattern : protectedPatterns) {
            if (pattern.matches(normalizedPath, true)) {
                return Access.PROTECTED;
            }
        }
        return Access.UNMATCHED;
    }

    /**
     * Tells whether a normalized path requires a session.
     *
     * @param normalizedPath a path produced by {@link PathNormalizer#normalize(String)}
     * @return true if {@link #classify(String)} returns {@link Access#PROTECTED}
     */
    public boolean isProtected(String normalizedPath) {
        return classify(normalizedPath) == Access.PROTECTED;
    }

    /**
     * Returns the protected pattern sources in the order given.
     *
     * @return an unmodifiable list
     */
    public List<String> protectedPatterns() {
        return protectedSources;
    }

    /**
     * Returns the public pattern sources in the order given.
     *
     * @return an unmodifiable list
     */
    public List<String> publicPatterns() {
        return publicSources;
    }

    @Override
    public String toString() {
        return "PathRules[protected=" + protectedSources + ", public=" + publicSources + "]";
    }
}
