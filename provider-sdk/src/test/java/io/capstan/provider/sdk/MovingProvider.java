package io.capstan.provider.sdk;

/**
 * A provider for the state-move tests: {@code shop_item} (schema version 2) accepts objects of
 * its predecessor {@code shop_legacy_item} of the same provider (attributes renamed), and of
 * {@code catalog_product} from another provider ({@code acme/catalog}) at schema version 1 only.
 * {@code shop_legacy_item} itself accepts nothing.
 */
public final class MovingProvider {
    private MovingProvider() {
    }

    public static Provider create() {
        return Provider.builder("shop")
                .resource("shop_item", new Item())
                .resource("shop_legacy_item", new Legacy())
                .build();
    }

    static final class Item implements MovableResource {
        private static final ResourceSchema SCHEMA = ResourceSchema.of(
                AttributeSpec.string("name").required(),
                AttributeSpec.number("price").optional(),
                AttributeSpec.string("id").computed()).withVersion(2);

        @Override
        public ResourceSchema schema() {
            return SCHEMA;
        }

        @Override
        public boolean acceptsMove(StateMove from) {
            return from.from("capstan/shop", "shop_legacy_item")
                    || from.from("acme/catalog", "catalog_product") && from.sourceSchemaVersion() == 1;
        }

        @Override
        public void moveState(StateMove from, ObjectData target, Diagnostics diags) {
            var s = from.sourceState();
            if (from.sourceTypeName().equals("shop_legacy_item")) {
                target.set("name", s.path("title").asText());
                target.set("price", s.path("cost").isNumber() ? s.get("cost").decimalValue() : null);
                target.set("id", s.path("id").asText());
            } else {
                from.copyCommonAttributes(target);
                if (target.isNull("id")) {
                    diags.error("Missing id", "The catalog_product has no id to carry over.");
                }
            }
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            planned.set("id", "item-" + planned.getString("name"));
        }
    }

    static final class Legacy implements Resource {
        @Override
        public ResourceSchema schema() {
            return ResourceSchema.of(AttributeSpec.string("title").required(), AttributeSpec.number("cost").optional(),
                    AttributeSpec.string("id").computed());
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            planned.set("id", "legacy-" + planned.getString("title"));
        }
    }

    public static void main(String[] args) {
        ProviderMain.serve(create());
    }
}
