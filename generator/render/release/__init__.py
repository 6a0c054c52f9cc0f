"""The press release (新闻通稿) and the host's script (主持词) in the briefing's official layout."""
