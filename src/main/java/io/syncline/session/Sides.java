package io.syncline.session;

import io.syncline.sql.Database;
import io.syncline.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The two sides a writing verb ({@code apply}, {@code rollback}, {@code export}) works on, as the
 * session holds them: the working directory's files and the database with Syncline's state in it;
 * and how the verb shares them with other Syncline processes.
 *
 * @param clock what stamps the intent, the log and the backups
 * @param lockWait how long to wait for another process's write lock
 * @param notices where to tell what was found on the way (a lock taken over, an apply recovered),
 *     shown after the command
 */
record Sides(
    Path workingDirectory,
    Clock clock,
    Database database,
    StateStore state,
    Duration lockWait,
    Consumer<String> notices) {}
