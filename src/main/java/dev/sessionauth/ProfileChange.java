package dev.sessionauth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A change to a user's profile: a new name, a new or removed image, additional field values; whatever is absent
 * stays as it is.
 *
 * @param fields values of declared additional user fields
 */
public record ProfileChange(Optional<String> name, Optional<ImageChange> image, Map<String, Object> fields) {
    /** The image after the change: a URL, or none (the image is removed). */
    public record ImageChange(Optional<String> url) {
        /** Sets the image to this URL. */
        public static ImageChange to(String url) {
            return new ImageChange(Optional.of(url));
        }

        /** Removes the image. */
        public static ImageChange remove() {
            return new ImageChange(Optional.empty());
        }
    }

    public ProfileChange {
        // Unmodifiable but null-tolerant: {"nickname": null} is a value a client may send.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A new name and/or image, no fields. */
    public ProfileChange(Optional<String> name, Optional<ImageChange> image) {
        this(name, image, Map.of());
    }

    /** Whether the change asks for nothing. */
    public boolean isEmpty() {
        return name.isEmpty() && image.isEmpty() && fields.isEmpty();
    }
}
