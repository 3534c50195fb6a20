/// Bearer tokens and generated passwords from the system's cryptographic generator.
package enum TokenGenerator {
    /// `uh_` and 32 random bytes in base64url (43 characters).
    package static func makeToken() -> String {
        "uh_" + Base64URL.encode(randomBytes(32))
    }

    /// A password for `init` and `reset-password`: 20 characters without look-alikes.
    package static func makePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        // SystemRandomNumberGenerator reads getrandom(2) on Linux: suitable for secrets.
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
