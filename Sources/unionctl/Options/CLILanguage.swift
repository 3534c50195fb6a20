import Foundation

/// The language of the CLI's messages: `UNIONHALL_LANG` (`zh`, `en`), else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with `zh`), else English. The API's choice is
/// per request (`Accept-Language`); the terminal's is per process.
enum CLILanguage: Equatable {
    case en, zh

    static var current: CLILanguage { from(ProcessInfo.processInfo.environment) }

    static func from(_ environment: [String: String]) -> CLILanguage {
        if let explicit = environment["UNIONHALL_LANG"], !explicit.isEmpty { return explicit.lowercased().hasPrefix("zh") ? .zh : .en }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}
