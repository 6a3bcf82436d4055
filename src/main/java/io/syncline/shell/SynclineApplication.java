package io.syncline.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Syncline: the prompt with no arguments, a script or one command otherwise. */
@SpringBootApplication
public class SynclineApplication {
  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(SynclineApplication.class, args)));
  }
}
