package io.syncline.core;

/** The three states a record is compared in. */
public enum Side {
  /** What both sides agreed on after the last successful apply. */
  BASE,
  /** What the files say now. */
  FILE,
  /** What the database says now. */
  DATABASE
}
