package org.mailwire.transport.sasl;

import java.util.Optional;

/**
 * LOGIN: the user name, then the password, in the order the server asks. The prompts' text is not
 * checked: servers word them differently ("Username:", "User Name"), and the order is the
 * protocol.
 */
final class LoginClient implements SaslClientMechanism {

    private final String user;
    private final String password;
    private int answered;

    LoginClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public SaslMechanism mechanism() {
        return SaslMechanism.LOGIN;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.empty();
    }

    @Override
    public byte[] respond(byte[] challenge) throws SaslException {
        switch (answered) {
            case 0:
                answered = 1;
                return SaslText.utf8(user);
            case 1:
                answered = 2;
                return SaslText.utf8(password);
            default:
                throw new SaslException("LOGIN expects two challenges only");
        }
    }

    @Override
    public boolean verifyServerFinal(byte[] serverFinal) {
        return true;
    }

    @Override
    public boolean isComplete() {
        return answered == 2;
    }
}
