import PQ
import UnionDomain

/// Text columns of issue 13's enumerations (their CHECK constraints list the same values).
extension Enterprise.Ownership: PQDecodable {}
extension CollectiveContract.Kind: PQDecodable {}
extension CollectiveContract.Status: PQDecodable {}
extension Activity.Kind: PQDecodable {}
extension Club.Sport: PQDecodable {}
