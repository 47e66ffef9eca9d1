package dev.sessionauth.demo;

import dev.sessionauth.SessionListener;
import dev.sessionauth.User;
import java.sql.SQLException;

/**
 * Deletes a user's notes when SessionAuth deletes the user. {@code userDeleted} runs on the request's thread before
 * SessionAuth deletes its own rows, and a failure here stops the deletion, so no notes outlive their author.
 */
final class NotesCleanup implements SessionListener {
    private final NotesStore notes;

    NotesCleanup(NotesStore notes) {
        this.notes = notes;
    }

    @Override
    public void userDeleted(User user) {
        try {
            notes.deleteAll(user.getId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the notes of a deleted user", e);
        }
    }
}
