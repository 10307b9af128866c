package io.capstan.cli;

/**
 * {@code console}'s usage, in Capstan's words and terraform's layout, printed before refusing a flag
 * it does not define ({@code -lock}, {@code -lock-timeout}...): see {@link FlagErrors}.
 */
final class ConsoleFlags {
    private ConsoleFlags() {
    }

    static final String USAGE = """
            Usage: capstan [global options] console [options]

              Opens an interactive prompt that evaluates expressions of the
              configuration language against the current state: type an
              expression, and its value is printed. Useful to try out an expression
              before writing it into the configuration.

              The state is only read, never written.

            Options:

              -state=path       Evaluate against this local state file instead of the
                                state of the current workspace.

              -plan             Plan first (as "capstan plan" would) and evaluate against
                                the planned state instead of the current one, to see
                                what changes not yet applied will produce.

              -var 'foo=bar'    Set an input variable of the root module. Can be
                                given any number of times.

              -var-file=foo     Read input variable values from a file, after the
                                terraform.tfvars and *.auto.tfvars files found in
                                the configuration directory, which are always read.""";
}
