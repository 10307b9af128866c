package io.capstan.cli.init;

import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.VersionConstraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code capstan providers}: Terraform's "Providers required by configuration"
 * tree, drawn with the same box characters (including the no-break spaces of the
 * continuation bar), one {@code provider[ADDRESS] CONSTRAINTS} line per requirement.
 */
public final class ProvidersTree {
    private static final String MID = "\u251c\u2500\u2500 ";
    private static final String LAST = "\u2514\u2500\u2500 ";
    private static final String BAR = "\u2502\u00a0\u00a0 ";
    private static final String SPACE = "    ";

    private ProvidersTree() {
    }

    public static String render(ModuleRequirements root) {
        StringBuilder sb = new StringBuilder("\nProviders required by configuration:\n.\n");
        children(sb, root, "");
        sb.append('\n');
        return sb.toString();
    }

    private static void children(StringBuilder sb, ModuleRequirements m, String indent) {
        List<Object> items = new ArrayList<>(m.own().entrySet());
        items.addAll(m.children());
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            sb.append(indent).append(last ? LAST : MID);
            if (items.get(i) instanceof ModuleRequirements child) {
                sb.append(child.name()).append('\n');
                children(sb, child, indent + (last ? SPACE : BAR));
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<ProviderAddress, VersionConstraints> e = (Map.Entry<ProviderAddress, VersionConstraints>) items.get(i);
                sb.append("provider[").append(e.getKey()).append(']');
                if (!e.getValue().isEmpty()) {
                    sb.append(' ').append(e.getValue());
                }
                sb.append('\n');
            }
        }
    }
}
