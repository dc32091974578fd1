## The officer desk: ticket cards, actions, the queue, refusals.
