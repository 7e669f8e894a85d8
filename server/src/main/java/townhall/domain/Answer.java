package townhall.domain;

/** A written answer and when it was given (milliseconds since the epoch). */
public record Answer(String text, long at) {
}
