/**
 * Terraform's state, version 4: the model of what Capstan recorded about real objects
 * (resources, instances, outputs) and its JSON codec, written the way Terraform writes it
 * so either tool can read the other's state.
 */
package io.capstan.engine.state;
