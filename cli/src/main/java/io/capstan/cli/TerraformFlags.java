package io.capstan.cli;

/**
 * Terraform spells long flags with one dash ({@code -check}, {@code -var-file=x}); picocli
 * options here are declared with two dashes. This rewrites {@code -name[=v]} to
 * {@code --name[=v]} so both spellings work, leaving {@code -} (stdin) and negative
 * numbers alone.
 */
final class TerraformFlags {
    private TerraformFlags() {
    }

    static String[] normalize(String[] args) {
        String[] out = new String[args.length];
        boolean rest = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (rest) {
                out[i] = a;
                continue;
            }
            if (a.equals("--")) {
                rest = true;
                out[i] = a;
            } else if (a.length() > 2 && a.charAt(0) == '-' && a.charAt(1) != '-'
                    && !Character.isDigit(a.charAt(1))) {
                out[i] = "-" + a;
            } else {
                out[i] = a;
            }
        }
        return out;
    }
}
