/**
 * The built-in provider {@code terraform.io/builtin/terraform}, run in-process behind the
 * same {@code ProviderClient} interface as plugin providers.
 */
package io.capstan.engine.builtin;
