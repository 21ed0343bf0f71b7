// A deterministic multi-document Kubernetes manifest for the YAML benchmark.

/** A realistic stream: Deployments with two containers, Services and ConfigMaps, in turn, to the line count. */
export function generateManifest(lines: number): string {
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const doc = [
      `apiVersion: apps/v1`,
      `kind: Deployment`,
      `metadata:`,
      `  name: service-${i}`,
      `  labels: {app: service-${i}, tier: backend}`,
      `spec:`,
      `  replicas: ${(i % 5) + 1}`,
      `  selector:`,
      `    matchLabels:`,
      `      app: service-${i}`,
      `  template:`,
      `    metadata:`,
      `      labels:`,
      `        app: service-${i}`,
      `    spec:`,
      `      containers:`,
      `        - name: app`,
      `          image: registry.example.com/team/service-${i}:1.${i % 40}.${i % 7}  # release ${i}`,
      `          imagePullPolicy: ${i % 3 === 0 ? 'Always' : 'IfNotPresent'}`,
      `          ports:`,
      `            - containerPort: 8080`,
      `          env:`,
      `            - name: LOG_LEVEL`,
      `              value: "info"`,
      `          resources:`,
      `            limits: {cpu: 500m, memory: 256Mi}`,
      ...(i % 2 === 0 ? [`          securityContext:`, `            readOnlyRootFilesystem: true`] : []),
      `        - name: sidecar`,
      `          image: ${i % 4 === 0 ? 'envoyproxy/envoy' : 'envoyproxy/envoy:v1.31.0'}`,
      `---`,
      `apiVersion: v1`,
      `kind: Service`,
      `metadata:`,
      `  name: service-${i}`,
      `spec:`,
      `  selector:`,
      `    app: service-${i}`,
      `  ports:`,
      `    - port: 80`,
      `      targetPort: 8080`,
      `---`,
      `apiVersion: v1`,
      `kind: ConfigMap`,
      `metadata:`,
      `  name: service-${i}-config`,
      `data:`,
      `  settings.yaml: |`,
      `    # not a comment: part of the block scalar`,
      `    timeout: 30s`,
      `    retries: 3`,
    ];
    docs.push(doc.join('\n'));
    count += doc.length + 1;
  }
  return `${docs.join('\n---\n')}\n`;
}
