package dev.sessionauth.paths;

/** One servlet mapping of the demo app and the demand its servlet is meant to be guarded by. */
record Route(String servlet, String pattern, Demand demand) {
}
