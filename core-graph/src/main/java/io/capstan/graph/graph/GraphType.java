package io.capstan.graph.graph;

/** Which operation a graph is built for; {@code capstan graph -type=...} names them like Terraform. */
public enum GraphType {
    VALIDATE("validate"), PLAN("plan"), PLAN_DESTROY("plan-destroy"), APPLY("apply");

    private final String flag;

    GraphType(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /** Parses a {@code -type} value; null when unknown. */
    public static GraphType fromFlag(String s) {
        for (GraphType t : values()) {
            if (t.flag.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
