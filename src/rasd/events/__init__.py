"""Events and stories: features, vectors, the event index, the story index and the corpus that runs them."""
