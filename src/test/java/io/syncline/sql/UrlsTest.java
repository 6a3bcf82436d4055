package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void passwordParametersAndUserInfoAreMasked() {
    assertThat(Urls.mask("jdbc:postgresql://db/app?user=ann&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=ann&password=***&ssl=true");
    assertThat(Urls.mask("jdbc:h2:tcp://db/app;USER=sa;PASSWORD=s3cret"))
        .isEqualTo("jdbc:h2:tcp://db/app;USER=sa;PASSWORD=***");
    assertThat(Urls.mask("jdbc:mariadb://ann:s3cret@db:3306/app"))
        .isEqualTo("jdbc:mariadb://***@db:3306/app");
    assertThat(Urls.mask("jdbc:sqlite:geo.db")).isEqualTo("jdbc:sqlite:geo.db");
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
}
