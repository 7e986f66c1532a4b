//! dyad's aggregation: documents -> dyads (merged events, agreements registry, figure series, topic profile). (Being built.)
