package dev.sessionauth.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A choice among fixed values, each as likely as its weight says: {@code Weighted.of(3, "a").or(1, "b")} draws
 * {@code "a"} three times in four. Immutable; {@link #or} returns a new choice.
 */
final class Weighted<T> implements Draw<T> {
    private final List<T> values;
    /** cumulative[i] is the sum of the weights of values 0..i. */
    private final List<Integer> cumulative;

    private Weighted(List<T> values, List<Integer> cumulative) {
        this.values = List.copyOf(values);
        this.cumulative = List.copyOf(cumulative);
    }

    static <T> Weighted<T> of(int weight, T value) {
        return new Weighted<T>(List.of(), List.of()).or(weight, value);
    }

    /** This choice with {@code value} added at {@code weight}. */
    Weighted<T> or(int weight, T value) {
        if (weight <= 0) {
            throw new IllegalArgumentException("weight " + weight + " for " + value + ": weights are positive");
        }
        List<T> moreValues = new ArrayList<>(values);
        moreValues.add(value);
        List<Integer> moreCumulative = new ArrayList<>(cumulative);
        moreCumulative.add(Math.addExact(total(), weight));
        return new Weighted<>(moreValues, moreCumulative);
    }

    @Override
    public T from(RandomGenerator random) {
        int ticket = random.nextInt(total());
        for (int i = 0; ; i++) {
            if (ticket < cumulative.get(i)) {
                return values.get(i);
            }
        }
    }

    private int total() {
        return cumulative.isEmpty() ? 0 : cumulative.get(cumulative.size() - 1);
    }
}
