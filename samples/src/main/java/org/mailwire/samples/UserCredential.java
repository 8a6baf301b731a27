package org.mailwire.samples;

import picocli.CommandLine;

/** A {@code --user name:password} option; {@link #toString()} leaves the password out. */
record UserCredential(String name, String password) {

    @Override
    public String toString() {
        return name + ":***";
    }

    /** Splits at the first colon: a user name holds none, a password may. */
    static final class Converter implements CommandLine.ITypeConverter<UserCredential> {
        @Override
        public UserCredential convert(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new CommandLine.TypeConversionException("expected NAME:PASSWORD");
            }
            return new UserCredential(value.substring(0, colon), value.substring(colon + 1));
        }
    }
}
