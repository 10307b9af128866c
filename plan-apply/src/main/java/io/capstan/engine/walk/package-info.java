/** Walking the resource graph: the parallel executor that plan and apply run nodes with. */
package io.capstan.engine.walk;
