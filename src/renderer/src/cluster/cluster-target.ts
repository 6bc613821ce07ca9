/** The cluster and sign-in user the step is about, and whose credentials act. */
export interface ClusterTarget {
  profile?: string;
  cluster: string;
  user: string;
  region?: string | null;
}
