package io.capstan.orchestrator.agent.docker;

/** The Docker daemon refused or could not be reached; the message says what and why. */
public final class DockerException extends Exception {
    public DockerException(String message) {
        super(message);
    }
}
