//! Stance: support, oppose, conditional, mixed or unclear, from cues and negation scope.
