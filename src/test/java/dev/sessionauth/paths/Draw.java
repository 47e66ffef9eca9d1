package dev.sessionauth.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One ingredient of a generated input, drawn from a seeded random source: the fuzzers build their inputs from
 * these so that a seed alone replays a run.
 */
@FunctionalInterface
interface Draw<T> {

    T from(RandomGenerator random);

    /** Always {@code value}. */
    static <T> Draw<T> just(T value) {
        return random -> value;
    }

    /** Picks one of {@code choices} by weight, then draws from it. */
    static <T> Draw<T> oneOf(Weighted<? extends Draw<? extends T>> choices) {
        return random -> choices.from(random).from(random);
    }

    /** A list of {@code minSize} to {@code maxSize} elements (uniformly many), each drawn independently. */
    static <T> Draw<List<T>> listOf(Draw<? extends T> element, int minSize, int maxSize) {
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("sizes " + minSize + ".." + maxSize);
        }
        return random -> {
            int size = random.nextInt(minSize, maxSize + 1);
            List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(element.from(random));
            }
            return List.copyOf(out);
        };
    }
}
