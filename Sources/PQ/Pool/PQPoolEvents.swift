/// What the pool reports while it works, for metrics. PQ stays free of any metrics library:
/// whoever builds the pool decides where these go.
package struct PQPoolEvents: Sendable {
    /// Called once per pipelined flight that came back, with the units it carried and the
    /// statements that went on the wire (setup statements included), on the pool thread that
    /// sent it, before the callers are answered: it must be cheap and must not block.
    package var flightSent: @Sendable (_ units: Int, _ statements: Int) -> Void
    /// Called for every error the server sends on the pool's connections, with its SQLSTATE
    /// class (the first two characters: `23` integrity, `40` rollback, `42` access or syntax,
    /// `22` data, …), where libpq hands it over: before anyone handles it, so an error a store
    /// turns into its own answer (a 409 for an enrolment made twice) counts as much as one
    /// that reaches the client as it is, and one PQ repairs itself (a stale plan, 0A000,
    /// prepared afresh) counts too. On the thread that holds the connection: cheap, no blocking.
    package var serverError: @Sendable (_ sqlStateClass: String) -> Void

    package init(
        flightSent: @escaping @Sendable (_ units: Int, _ statements: Int) -> Void = { _, _ in },
        serverError: @escaping @Sendable (_ sqlStateClass: String) -> Void = { _ in }
    ) {
        self.flightSent = flightSent
        self.serverError = serverError
    }

    /// Reports nothing.
    package static let none = PQPoolEvents()
}
