import ArgumentParser
@testable import unionctl

/// Parses and runs one `unionctl` command line in-process, exactly as the binary would.
enum CLI {
    static func run(_ arguments: [String]) async throws {
        var command = try UnionCtl.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}
