package io.capstan.hcl.diag;

/** How bad a diagnostic is. Errors stop the operation; warnings are reported and ignored. */
public enum Severity {
    ERROR, WARNING
}
