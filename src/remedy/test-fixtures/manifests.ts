/**
 * Manifests several remedy tests add to the engine fixture cluster (src/engine/test-fixtures), kept once so a
 * scenario means the same objects in every test that names it.
 */

/** A default-deny egress policy on the shop namespace. */
export const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

/** Egress of every shop pod allowed only to NodeLocal DNSCache (169.254.20.10, UDP/TCP 53) and to 140.82.112.5. */
export const ONLY_NODE_LOCAL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-node-local, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 169.254.20.10/32}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
  - to: [{ipBlock: {cidr: 140.82.112.5/32}}]
`;

/** A Service with internalTrafficPolicy Local whose only endpoint runs on the other node. */
export const LOCAL_ONLY = `apiVersion: v1
kind: Service
metadata: {name: api-local, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 192.168.10.40
  clusterIPs: [192.168.10.40]
  internalTrafficPolicy: Local
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 9000, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: api-local-x1
  namespace: shop
  labels: {kubernetes.io/service-name: api-local}
addressType: IPv4
ports: [{name: http, port: 9000, protocol: TCP}]
endpoints:
- addresses: [10.0.128.7]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.2.21
  targetRef: {kind: Pod, namespace: shop, name: api-b}
`;
