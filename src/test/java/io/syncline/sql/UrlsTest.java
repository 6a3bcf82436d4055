package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UrlsTest {

  /** One row per spelling of a secret and per database's syntax: the URL, then as shown. */
  static Stream<Arguments> spellings() {
    return Stream.of(
        row(
            "PostgreSQL password=",
            "jdbc:postgresql://db/app?user=ann&password=S3cret-pw&ssl=true",
            "jdbc:postgresql://db/app?user=ann&password=***&ssl=true"),
        row(
            "PostgreSQL sslpassword=",
            "jdbc:postgresql://db/app?sslmode=require&sslpassword=S3cret-pw",
            "jdbc:postgresql://db/app?sslmode=require&sslpassword=***"),
        row(
            "PostgreSQL user:password@host",
            "jdbc:postgresql://ann:S3cret-pw@db:5432/app",
            "jdbc:postgresql://***@db:5432/app"),
        row(
            "PostgreSQL: a ; is part of the value",
            "jdbc:postgresql://db/app?password=Semi;Colon-S3cret&ssl=true",
            "jdbc:postgresql://db/app?password=***&ssl=true"),
        row(
            "PostgreSQL: an & not followed by NAME= is part of the value",
            "jdbc:postgresql://db/app?password=Amp&S3cret&ssl=true",
            "jdbc:postgresql://db/app?password=***&ssl=true"),
        row(
            "PostgreSQL: a %-encoded value",
            "jdbc:postgresql://db/app?password=S3cret%26pw%3B&user=ann",
            "jdbc:postgresql://db/app?password=***&user=ann"),
        row(
            "PostgreSQL multi-host",
            "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary&password=S3cret-pw",
            "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary&password=***"),
        row(
            "MariaDB user:password@host",
            "jdbc:mariadb://ann:S3cret-pw@db:3306/app",
            "jdbc:mariadb://***@db:3306/app"),
        row(
            "MariaDB: a password holding @ / ? is masked up to the last @",
            "jdbc:mariadb://ann:S3c@r/e?t@db:3306/app?useSsl=true",
            "jdbc:mariadb://***@db:3306/app?useSsl=true"),
        row(
            "MariaDB keyStorePassword= and trustStorePassword=",
            "jdbc:mariadb://db/app?keyStore=/k.jks&keyStorePassword=S3cret-pw"
                + "&trustStorePassword=S3cret-pw2&useSsl=true",
            "jdbc:mariadb://db/app?keyStore=***&keyStorePassword=***"
                + "&trustStorePassword=***&useSsl=true"),
        row(
            "MySQL password= and a user in the query",
            "jdbc:mysql://db/app?user=ann@corp&password=S3cret-pw",
            "jdbc:mysql://db/app?user=ann@corp&password=***"),
        row(
            "MariaDB sequential, address=(...)(password=...)",
            "jdbc:mariadb:sequential://address=(host=a)(port=3306)(password=S3cret)pw),"
                + "address=(host=b)(password=S3cret-pw)/app?user=ann",
            "jdbc:mariadb:sequential://address=(host=a)(port=3306)(password=***),"
                + "address=(host=b)(password=***)/app?user=ann"),
        row(
            "MySQL key-value host list",
            "jdbc:mysql://(host=a,port=3306,password=S3cret-pw,user=ann)/app",
            "jdbc:mysql://(host=a,port=3306,password=***,user=ann)/app"),
        row(
            "H2 PASSWORD=",
            "jdbc:h2:tcp://db/app;USER=sa;PASSWORD=S3cret-pw;IFEXISTS=TRUE",
            "jdbc:h2:tcp://db/app;USER=sa;PASSWORD=***;IFEXISTS=TRUE"),
        row(
            "H2: a ; not followed by NAME= is part of the value",
            "jdbc:h2:./app;PASSWORD=Semi;Colon-S3cret",
            "jdbc:h2:./app;PASSWORD=***"),
        row(
            "H2: an & is part of the value",
            "jdbc:h2:./app;PASSWORD=Amp&ssl=S3cret;USER=sa",
            "jdbc:h2:./app;PASSWORD=***;USER=sa"),
        row(
            "H2 FILE_PASSWORD= and CIPHER",
            "jdbc:h2:./app;CIPHER=AES;FILE_PASSWORD=S3cret-pw",
            "jdbc:h2:./app;CIPHER=AES;FILE_PASSWORD=***"),
        row(
            "SQLite ?key= (SQLCipher)",
            "jdbc:sqlite:file:app.db?cipher=sqlcipher&key=S3cret-pw",
            "jdbc:sqlite:file:app.db?cipher=sqlcipher&key=***"),
        row(
            "token=, secret=, apikey= in any case",
            "jdbc:postgresql://db/app?Token=S3cret-pw&client_SECRET=S3cret-pw2&apiKey=S3cret-pw3",
            "jdbc:postgresql://db/app?Token=***&client_SECRET=***&apiKey=***"),
        row(
            "a database Syncline does not know: every rule",
            "jdbc:oracle:thin:ann/x@//h?password=S3cret;a&pwd=S3cret-pw",
            "jdbc:oracle:thin:ann/x@//h?password=***&pwd=***"),
        row("no secret", "jdbc:sqlite:geo.db", "jdbc:sqlite:geo.db"));
  }

  private static Arguments row(String spelling, String url, String shown) {
    return Arguments.of(spelling, url, shown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void everySecretInAUrlIsMasked(String spelling, String url, String shown) {
    assertThat(Urls.mask(url)).isEqualTo(shown);
    assertThat(Urls.maskWithin("connect \"" + url + "\" --read-only"))
        .isEqualTo("connect \"" + shown + "\" --read-only");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void aDriverMessageRepeatingTheUrlOrItsSecretsShowsNeither(
      String spelling, String url, String shown) {
    String message =
        "cannot reach " + url + " with " + String.join(" and ", Urls.secrets(url)) + "\nmore";
    String cleaned = Urls.clean(message, url, null);
    assertThat(cleaned).doesNotContain("S3cret").doesNotContain("\n");
    // A word in a driver's message is cut at 80 characters, a masked URL too. A message that
    // repeats user:password@'s password is replaced whole (see the MariaDB test below).
    assertThat(cleaned)
        .satisfiesAnyOf(
            c ->
                assertThat(c)
                    .startsWith(
                        "cannot reach " + DriverMessages.cut(shown, DriverMessages.VALUE_LIMIT)),
            c -> assertThat(c).startsWith("the driver could not read the user:password@ part"));
  }

  @Test
  void theDecodedFormOfAnEncodedPasswordIsRemovedFromAMessage() {
    String url = "jdbc:postgresql://db/app?password=S3cret%26pw";
    assertThat(Urls.clean("password authentication failed: S3cret&pw", url, null))
        .isEqualTo("password authentication failed: ***");
  }

  @Test
  void aSecretRepeatedInCapitalsIsRemovedToo() {
    String url = "jdbc:h2:./x;PASSWORD=S3cret-pw;USER=sa";
    assertThat(Urls.clean("Unsupported connection setting \"S3CRET-PW\"", url, null))
        .isEqualTo("Unsupported connection setting \"***\"");
  }

  @Test
  void aPasswordGivenApartIsRemovedFromAMessage() {
    assertThat(Urls.clean("user ann (password S3cret-pw) denied", "jdbc:h2:./x", "S3cret-pw"))
        .isEqualTo("user ann (password ***) denied");
  }

  @Test
  void aMessageHoldingAShortPasswordIsNotShownAtAll() {
    assertThat(Urls.clean("user ann: bad password pw9", "jdbc:h2:./x", "pw9"))
        .isEqualTo("the driver's message is not shown, as it may contain the password");
  }

  @Test
  void aCommandLineKeepsTheNameOfAnEnvironmentVariable() {
    assertThat(Urls.maskWithin("connect jdbc:h2:./x --password-env=DB_PW --user ann"))
        .isEqualTo("connect jdbc:h2:./x --password-env=DB_PW --user ann");
  }

  @Test
  void anUnknownUrlIsRefusedWithItsPasswordMasked() {
    assertThatThrownBy(
            () ->
                Database.open("jdbc:oracle:thin:ann/x@//h?password=s3cret", "ann", "s3cret", false))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith(
            "cannot open jdbc:oracle:thin:ann/x@//h?password=***: not a URL Syncline knows")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void aFailedOpenNamesTheMaskedUrlAndNeverThePassword() {
    String url = "jdbc:postgresql://ann:s3cret@127.0.0.1:1/app?password=s3cret&connectTimeout=2";
    assertThatThrownBy(() -> Database.open(url, "ann", "s3cret", false))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith(
            "cannot open jdbc:postgresql://***@127.0.0.1:1/app?password=***&connectTimeout=2: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("\n"));
  }

  @Test
  void aMissingSqliteFileOpenedReadOnlyIsAClearFailure() {
    assertThatThrownBy(
            () -> Database.open("jdbc:sqlite:/no/such/dir/x.db?password=s3cret", null, null, true))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("cannot open jdbc:sqlite:/no/such/dir/x.db?password=***: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void mariaDbsPortMessageForUserInformationIsReplacedBySynclinesWords() {
    // The driver reads ann:S3cret-pw@127.0.0.1 as host ann and port "S3cret-pw@127.0.0.1".
    String url = "jdbc:mariadb://ann:S3cret-pw@127.0.0.1:3306/app";
    assertThatThrownBy(() -> Database.open(url, null, null, false))
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "cannot open jdbc:mariadb://***@127.0.0.1:3306/app: the driver could not read the"
                + " user:password@ part of the URL; give the user with --user and the password"
                + " with --password-env VAR");
  }

  @Test
  void aLongValueInADriversMessageIsCut() {
    String key = "k".repeat(100_000);
    assertThat(DriverMessages.shown("Duplicate entry '" + key + "' for key 'PRIMARY'\nmore"))
        .isEqualTo("Duplicate entry '" + "k".repeat(78) + "… for key 'PRIMARY'");
  }

  @Test
  void anH2PasswordWithASemicolonIsNotRepeatedByTheDriver() {
    String url = "jdbc:h2:mem:urls;PASSWORD=Semi;Colon-S3cret";
    assertThatThrownBy(() -> Database.open(url, "sa", null, false))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("cannot open jdbc:h2:mem:urls;PASSWORD=***: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Colon-S3cret"));
  }
}
