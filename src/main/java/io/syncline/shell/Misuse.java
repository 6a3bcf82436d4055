package io.syncline.shell;

import io.syncline.core.SynclineException;

/**
 * Every way a command can be typed wrong, each building its message in one place, so that two
 * commands refusing the same thing say it the same way ({@code give --password or --password-env,
 * not both}) and a message is changed once. Each is a {@link SynclineException.Usage}: exit code 2
 * in a script, nothing done. The command's own help ({@link Usage}) says how it is typed right.
 */
final class Misuse {
  private Misuse() {}

  /** {@code sql needs a query: sql SELECT * FROM t} */
  static SynclineException.Usage needs(String command, String what, String example) {
    return new SynclineException.Usage(command + " needs " + what + ": " + example);
  }

  /** {@code copy needs --from URL and --to URL} */
  static SynclineException.Usage needs(String command, String what) {
    return new SynclineException.Usage(command + " needs " + what);
  }

  /** {@code --take is one of file, db, base} */
  static SynclineException.Usage oneOf(String option, String choices) {
    return new SynclineException.Usage(option + " is one of " + choices);
  }

  /** {@code give --take or --value, not both} */
  static SynclineException.Usage notBoth(String one, String other) {
    return new SynclineException.Usage("give " + one + " or " + other + ", not both");
  }

  /** {@code option --limit needs a value} */
  static SynclineException.Usage optionNeedsValue(String option) {
    return new SynclineException.Usage("option --" + option + " needs a value");
  }

  static SynclineException.Usage variableNotSet(String variable) {
    return new SynclineException.Usage("environment variable " + variable + " is not set");
  }

  /** A password to be typed where nobody can type (a script, a single command). */
  static SynclineException.Usage nobodyToTypePassword(String command) {
    return new SynclineException.Usage(
        command
            + ": nobody to type a password here (a script or a single command);"
            + " give it with --password-env VAR, the name of an environment variable holding it");
  }

  static SynclineException.Usage noPasswordTyped(String command) {
    return new SynclineException.Usage(command + ": no password typed; nothing was done");
  }

  /** {@code connect URL --password s3cret}: the words are never echoed, they may be a password. */
  static SynclineException.Usage connectTakesOneUrl() {
    return new SynclineException.Usage(
        "connect takes one URL; --password takes no value (it asks for the password),"
            + " --password-env VAR names a variable that holds it");
  }

  static SynclineException.Usage copyPasswordsBothWays() {
    return notBoth("--from-password", "--from-password-env (--to-password or --to-password-env)");
  }

  static SynclineException.Usage whereShape(String line) {
    return new SynclineException.Usage(
        "--where takes TABLE:CONDITION, e.g. --where \"books:price > 50\"; got `" + line + "`");
  }

  static SynclineException.Usage whereTwice(String table) {
    return new SynclineException.Usage("--where names table " + table + " twice");
  }

  static SynclineException.Usage loadOptionsWithoutFiles() {
    return new SynclineException.Usage(
        "--entity, --key, --at, --table, --layout and --children describe the files given:"
            + " load PATH [--entity E] [--key K]");
  }

  /** {@code --children tasks.checklist}, {@code --children tasks:}: not a list field and key. */
  static SynclineException.Usage childrenList(String item) {
    return new SynclineException.Usage(
        "--children takes list fields of the records, each with its elements' key field after a"
            + " colon if you name it: --children tasks or --children tasks:task_key,steps; got '"
            + item
            + "' (a list inside a child's elements is named in syncline.yml, children: under"
            + " children:)");
  }

  static SynclineException.Usage loadEntityOfManyFiles() {
    return new SynclineException.Usage(
        "--entity names one entity; load its files with a glob: load 'dir/*.json'");
  }

  /**
   * {@code resolve} with neither {@code --take} nor {@code --value} where it cannot ask; {@code
   * selector} null for every conflict.
   */
  static SynclineException.Usage resolveHow(boolean all, String selector) {
    return new SynclineException.Usage(
        (all ? "" : "nobody to ask here (a script or a single command); ")
            + "say how: resolve "
            + (selector == null ? "--all" : selector)
            + " --take file|db|base, or --value JSON");
  }

  static SynclineException.Usage valueNotJson(String reason) {
    return new SynclineException.Usage(
        "--value must be JSON (" + reason + "); a string needs quotes: --value '\"text\"'");
  }

  static SynclineException.Usage noChangeMatches(String selector) {
    return new SynclineException.Usage("no change matches " + selector);
  }

  static SynclineException.Usage noCheckpoints() {
    return new SynclineException.Usage(
        "no checkpoints in this database; `checkpoint NAME` takes one before an apply");
  }

  static SynclineException.Usage noSync(long id) {
    return new SynclineException.Usage(
        "no sync " + id + " in this database's log; `log` lists them");
  }

  static SynclineException.Usage unknownCommand(String name) {
    return new SynclineException.Usage("unknown command `" + name + "`; `help` lists the commands");
  }

  /** {@code help NAME} for a command there is not. */
  static SynclineException.Usage noHelpFor(String name) {
    return new SynclineException.Usage("no command `" + name + "`; `help` lists the commands");
  }

  /** A command Spring Shell refused to run, with the reason it gave. */
  static SynclineException.Usage refused(String command, String reason) {
    return new SynclineException.Usage(command + ": " + reason);
  }

  static SynclineException.Usage emptyCommand() {
    return new SynclineException.Usage("empty command");
  }

  static SynclineException.Usage unclosedQuote(char quote) {
    return new SynclineException.Usage("unclosed " + quote + " quote");
  }

  static SynclineException.Usage unreadableScript(Object file, String reason) {
    return new SynclineException.Usage("cannot read script " + file + ": " + reason);
  }
}
