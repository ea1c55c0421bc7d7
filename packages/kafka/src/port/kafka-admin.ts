// The cluster operations callers of the port need, and no more: topics (create, list, delete,
// where they end), groups (describe, list, delete, committed offsets). Shapes are the project's
// own; an adapter maps its client onto them.

export interface TopicToCreate {
  topic: string;
  numPartitions: number;
  /** -1: the broker's default. */
  replicationFactor?: number;
  configEntries?: Array<{ name: string; value: string }>;
}

export interface PartitionEnds {
  partition: number;
  /** The read_committed end (last stable offset) the client lists. */
  offset: string;
  high: string;
  low: string;
}

export interface CommittedOffsets {
  topic: string;
  /** offset '-1': nothing committed. */
  partitions: Array<{ partition: number; offset: string }>;
}

export interface GroupDescription {
  groupId: string;
  /** 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'. */
  state: string;
  members: Array<{ memberId: string; clientId: string }>;
}

export interface TopicPartitionMetadata {
  name: string;
  partitions: Array<{ partitionId: number; leader: number }>;
}

/** One ALLOW entry of the broker's authorizer, in the project's words. */
export interface AclGrant {
  /** e.g. User:acme-team */
  principal: string;
  /** '*' for any host. */
  host: string;
  operation: 'read' | 'write' | 'describe';
  resource: { type: 'topic' | 'group'; name: string; pattern: 'literal' | 'prefixed' };
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Resolves false when every topic existed already. */
  createTopics(request: { topics: TopicToCreate[]; waitForLeaders?: boolean }): Promise<boolean>;
  deleteTopics(request: { topics: string[] }): Promise<void>;
  fetchTopicMetadata(request: { topics: string[] }): Promise<{ topics: TopicPartitionMetadata[] }>;
  fetchTopicOffsets(topic: string): Promise<PartitionEnds[]>;
  fetchOffsets(request: { groupId: string; topics: string[] }): Promise<CommittedOffsets[]>;
  /** Sets a group's committed offsets (the group must have no members). */
  setOffsets(request: { groupId: string; topic: string; partitions: Array<{ partition: number; offset: string }> }): Promise<void>;
  describeGroups(groupIds: string[]): Promise<{ groups: GroupDescription[] }>;
  listGroups(): Promise<{ groups: Array<{ groupId: string; protocolType: string }> }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
  /** Adds ALLOW entries (as a super user). */
  grantAcls(grants: AclGrant[]): Promise<void>;
}
